// The Service Management Strategy Framework deck's use case. Who may: kpis.read (staff, auditors,
// executives reading the KPI figures); a requester may not. Nothing is written: the deck is read
// from the live records each time it is asked for.
import type { Executor } from '../../../db/executor.js';
import { type Actor, requirePermission } from '../../../shared/actor.js';
import type { Clock } from '../../../shared/clock.js';
import { preferredLanguages } from '../../compliance/library/language.js';
import { deckFileName, deckLanguage, deckPeriod } from './strategy-deck.js';
import { type DeckModules, gatherStrategyDeck } from './strategy-deck-content.js';
import { strategyDeckPptx } from './strategy-deck-pptx.js';

export interface StrategyDeckQuery {
  from?: string;
  to?: string;
  lang?: 'en' | 'fr';
}

export function createStrategyDeckService(deps: {
  db: Executor;
  clock: Clock;
  modules: () => DeckModules & {
    users: { find(trx: Executor, id: string): Promise<{ locale: string } | undefined> };
  };
}) {
  const { db, clock } = deps;
  return {
    /** The deck for the period (default: the last full quarter), in the reader's language. */
    async deck(
      actor: Actor,
      query: StrategyDeckQuery,
      acceptLanguage?: string,
    ): Promise<{ filename: string; language: string; pptx: Buffer }> {
      requirePermission(actor, 'kpis.read', 'download the strategy framework deck');
      const now = clock.now();
      const period = deckPeriod(query, now);
      const user = actor.id ? await deps.modules().users.find(db, actor.id) : undefined;
      const language = deckLanguage(query.lang, preferredLanguages(acceptLanguage), user?.locale);
      const data = await gatherStrategyDeck(db, deps.modules(), {
        actor,
        period,
        language,
        generatedAt: now,
      });
      return { filename: deckFileName(period), language, pptx: await strategyDeckPptx(data) };
    },
  };
}

export type StrategyDeckService = ReturnType<typeof createStrategyDeckService>;
