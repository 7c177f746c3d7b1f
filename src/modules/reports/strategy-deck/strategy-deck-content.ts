// What the strategy deck shows, gathered from the live records. KPI figures come from the KPI
// engine's own list (the one behind GET /api/v1/kpis), so the deck and the dashboard agree to the
// unit; the roadmap from the compliance workspace; clause titles from the requirement library.
import type { Executor } from '../../../db/executor.js';
import type { Actor } from '../../../shared/actor.js';
import type { Phase, RequirementNode, Task } from '../../compliance/compliance.js';
import type { Period } from '../../kpis/kpis.js';
import { endOf, startOf } from '../../kpis/kpis.js';
import type { KpiView } from '../../kpis/kpis.service.js';
import {
  type DeckLanguage,
  type DeckMilestone,
  type DeckOwner,
  PROCESS_MODEL,
  roadmapOf,
  type StrategyDeckData,
} from './strategy-deck.js';
import { strategyDeckRepository as repo } from './strategy-deck.repository.js';

/** What the deck reads of the other modules (services.ts hands them over). */
export interface DeckModules {
  kpis: { list(actor: Actor, query: { from: string; to: string }): Promise<KpiView[]> };
  compliance: {
    library: {
      framework(): Promise<{ id: string }>;
      nodes(frameworkId: string): Promise<RequirementNode[]>;
    };
    roadmap: { programme(trx?: Executor): Promise<{ phases: Phase[]; tasks: Task[] }> };
  };
}

async function clauseTitles(modules: DeckModules): Promise<Map<string, string>> {
  const framework = await modules.compliance.library.framework();
  const nodes = await modules.compliance.library.nodes(framework.id);
  return new Map(nodes.map((n) => [n.number, n.title]));
}

async function owners(db: Executor, kpis: KpiView[]): Promise<DeckOwner[]> {
  const byId = new Map<string, DeckOwner>();
  const of = (id: string, name: string) => {
    let owner = byId.get(id);
    if (!owner) {
      owner = { name, documents: [], workstreams: [], kpis: [] };
      byId.set(id, owner);
    }
    return owner;
  };
  for (const d of await repo.documentOwners(db))
    of(d.owner_id, d.owner_name).documents.push(d.title);
  for (const w of await repo.workstreamLeads(db))
    of(w.owner_id, w.owner_name).workstreams.push(w.name);
  const kpiOwners = kpis.filter((k): k is KpiView & { ownerId: string } => k.ownerId !== null);
  const names = await repo.userNames(
    db,
    kpiOwners.map((k) => k.ownerId),
  );
  for (const k of kpiOwners) of(k.ownerId, names.get(k.ownerId) ?? '').kpis.push(k.name);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function milestones(db: Executor, modules: DeckModules): Promise<DeckMilestone[]> {
  const programme = await modules.compliance.roadmap.programme(db);
  const names = await repo.userNames(
    db,
    programme.tasks.flatMap((t) => (t.milestone && t.ownerId ? [t.ownerId] : [])),
  );
  const items: DeckMilestone[] = [];
  for (const p of programme.phases) {
    const date = p.startDate ?? p.endDate;
    if (!date) continue;
    items.push({
      date,
      until: p.startDate && p.endDate ? p.endDate : null,
      source: 'phase',
      reference: String(p.position),
      title: p.title,
      ownerName: null,
      status: '',
      done: false,
    });
  }
  for (const t of programme.tasks) {
    const date = t.dueDate ?? t.startDate;
    if (!t.milestone || !date) continue;
    items.push({
      date,
      until: null,
      source: 'milestone',
      reference: t.number,
      title: t.title,
      ownerName: t.ownerId ? (names.get(t.ownerId) ?? null) : null,
      status: t.status,
      done: t.status === 'done' || t.status === 'cancelled',
    });
  }
  for (const i of await repo.improvements(db)) {
    items.push({
      date: i.target_date as string,
      until: null,
      source: 'improvement',
      reference: i.number,
      title: i.title,
      ownerName: i.owner_name,
      status: i.status,
      done: i.status === 'implemented' || i.status === 'closed',
    });
  }
  for (const a of await repo.reviewActions(db)) {
    items.push({
      date: a.due_date,
      until: null,
      source: 'reviewAction',
      reference: a.number,
      title: a.title,
      ownerName: a.owner_name,
      status: a.status,
      done: a.status === 'done',
    });
  }
  return items;
}

export async function gatherStrategyDeck(
  db: Executor,
  modules: DeckModules,
  input: { actor: Actor; period: Period; language: DeckLanguage; generatedAt: Date },
): Promise<StrategyDeckData> {
  const { period } = input;
  const kpis = await modules.kpis.list(input.actor, period);
  const titles = await clauseTitles(modules);
  const start = startOf(period.from);
  const end = endOf(period.to);
  const processes = [];
  for (const p of PROCESS_MODEL) {
    const [total, inPeriod] = await repo.processCount(db, p.records, start, end);
    processes.push({ ...p, title: titles.get(p.clause) ?? '', total, inPeriod });
  }
  const roadmap = roadmapOf(await milestones(db, modules));
  return {
    language: input.language,
    workspaceName: await repo.workspaceName(db),
    period,
    generatedAt: input.generatedAt,
    services: (await repo.services(db)).map((s) => ({
      name: s.name,
      status: s.status,
      ownerName: s.owner_name,
    })),
    objectives: kpis
      .filter((k) => k.objectives.trim() !== '')
      .map((k) => ({
        kpiName: k.name,
        objectives: k.objectives.trim(),
        requirements: k.requirements,
        target: k.target,
        direction: k.direction,
        unit: k.unit,
      })),
    processes,
    roles: await repo.roles(db),
    groups: await repo.groups(db),
    owners: await owners(db, kpis),
    kpis: kpis.map((k) => ({
      name: k.name,
      unit: k.unit,
      value: k.current.value,
      targetValue: k.current.targetValue,
      status: k.current.status,
      count: k.current.count,
      change: k.current.change,
      baselineLabel: k.current.baseline?.label ?? null,
    })),
    milestones: roadmap.kept,
    milestonesOmitted: roadmap.omitted,
  };
}
