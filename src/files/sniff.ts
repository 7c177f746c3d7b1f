// What a file really is, from its first bytes rather than its name or the client's word, and
// whether we accept it. Only formats people attach to tickets are allowed; executables, scripts
// and active content (HTML, SVG) are refused whatever they are called.

export interface Sniffed {
  mediaType: string;
  allowed: boolean;
  /** Why a refused file is refused, for the 415 answer. */
  reason?: string;
}

const startsWith = (buf: Buffer, bytes: number[], offset = 0) =>
  bytes.every((b, i) => buf[offset + i] === b);

const OFFICE: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

const TEXT: Record<string, string> = {
  csv: 'text/csv',
  log: 'text/plain',
  txt: 'text/plain',
  json: 'application/json',
  md: 'text/markdown',
};

function isUtf8Text(buf: Buffer): boolean {
  const sample = buf.subarray(0, 64 * 1024);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return true;
  } catch {
    // A multi-byte character cut at the sample's end is still text.
    return sample.length === 64 * 1024;
  }
}

export function sniff(content: Buffer, fileName: string): Sniffed {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const refuse = (mediaType: string, reason: string): Sniffed => ({
    mediaType,
    allowed: false,
    reason,
  });
  if (startsWith(content, [0x4d, 0x5a]))
    return refuse('application/x-msdownload', 'executable programs are not accepted');
  if (startsWith(content, [0x7f, 0x45, 0x4c, 0x46]))
    return refuse('application/x-executable', 'executable programs are not accepted');
  if (
    startsWith(content, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(content, [0xca, 0xfe, 0xba, 0xbe])
  )
    return refuse('application/x-mach-binary', 'executable programs are not accepted');
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47]))
    return { mediaType: 'image/png', allowed: true };
  if (startsWith(content, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', allowed: true };
  if (startsWith(content, [0x47, 0x49, 0x46, 0x38]))
    return { mediaType: 'image/gif', allowed: true };
  if (
    startsWith(content, [0x52, 0x49, 0x46, 0x46]) &&
    startsWith(content, [0x57, 0x45, 0x42, 0x50], 8)
  )
    return { mediaType: 'image/webp', allowed: true };
  if (startsWith(content, [0x25, 0x50, 0x44, 0x46, 0x2d]))
    return { mediaType: 'application/pdf', allowed: true };
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04]))
    return { mediaType: OFFICE[ext] ?? 'application/zip', allowed: true };
  if (content.length > 0 && isUtf8Text(content)) {
    const head = content.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
    if (head.startsWith('#!')) return refuse('text/x-shellscript', 'scripts are not accepted');
    if (/^(<!doctype html|<html|<svg|<\?xml[^>]*>\s*<svg|<script)/.test(head))
      return refuse('text/html', 'web pages and SVG images can carry scripts and are not accepted');
    return { mediaType: TEXT[ext] ?? 'text/plain', allowed: true };
  }
  return refuse(
    'application/octet-stream',
    'this kind of file is not accepted (images, PDF, Office documents and text are)',
  );
}

/**
 * A Content-Disposition that downloads (never displays) the file under its name: an ASCII
 * fallback without quotes or control characters, and the exact name in RFC 5987 form.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_') || 'attachment';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
