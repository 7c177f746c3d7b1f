import { describe, expect, it } from 'vitest';
import { contentDisposition, sniff } from './sniff.js';

describe('sniffing uploaded files', () => {
  it('knows images, PDF and Office files by their first bytes, not their names', () => {
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'report.pdf').mediaType).toBe(
      'image/png',
    );
    expect(sniff(Buffer.from('%PDF-1.7\n...'), 'x.png')).toEqual({
      mediaType: 'application/pdf',
      allowed: true,
    });
    expect(sniff(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]), 'budget.xlsx').mediaType).toMatch(
      /spreadsheetml/,
    );
    expect(sniff(Buffer.from('date,amount\n2026-01-01,3\n'), 'export.csv')).toEqual({
      mediaType: 'text/csv',
      allowed: true,
    });
  });

  it('refuses programs, scripts and active content whatever they are called', () => {
    for (const [bytes, name] of [
      [Buffer.from([0x4d, 0x5a, 0x90, 0]), 'invoice.pdf'],
      [Buffer.from([0x7f, 0x45, 0x4c, 0x46]), 'photo.jpg'],
      [Buffer.from('#!/bin/sh\nrm -rf /'), 'notes.txt'],
      [Buffer.from('  <svg onload="alert(1)"/>'), 'logo.png'],
      [Buffer.from('<!DOCTYPE html><script>'), 'readme.txt'],
      [Buffer.from([0, 1, 2, 3, 0xff]), 'blob.bin'],
    ] as const) {
      expect(sniff(bytes, name).allowed, name).toBe(false);
    }
  });

  it('builds a download disposition that cannot be broken out of', () => {
    expect(contentDisposition('Facture été "2026".pdf')).toBe(
      `attachment; filename="Facture _t_ _2026_.pdf"; filename*=UTF-8''Facture%20%C3%A9t%C3%A9%20%222026%22.pdf`,
    );
  });
});
