// Message templates, one file per language (messages.en.ts, messages.fr.ts). A template gets the
// facts and the recipient's role, and returns the title and the body (the email's subject and
// text; the in-app notification's heading and line).
import { en } from './messages.en.js';
import { fr } from './messages.fr.js';
import type { MessageParams, NotificationKind, RecipientRole } from './notifications.js';

export interface RenderedMessage {
  title: string;
  body: string;
}

export type Template = (params: MessageParams, role: RecipientRole) => RenderedMessage;

export interface MessageCatalogue {
  templates: Record<NotificationKind, Template>;
  /** The line under every email: where to read it in Meridian. */
  emailFooter(url: string): string;
}

const catalogues: Record<string, MessageCatalogue> = { en, fr };

export function catalogueFor(locale: string): MessageCatalogue {
  return catalogues[locale] ?? en;
}

export function render(
  locale: string,
  kind: NotificationKind,
  params: MessageParams,
  role: RecipientRole,
): RenderedMessage {
  return catalogueFor(locale).templates[kind](params, role);
}
