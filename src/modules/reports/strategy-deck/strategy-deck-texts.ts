// Every word the strategy deck writes, in English and in French, our own wording. Clause titles
// are not here: they come from the requirement library and stay as the standard publishes them.
import type { Status } from '../../kpis/kpis.js';
import type { DeckLanguage, MilestoneSource, ProcessRecordKey } from './strategy-deck.js';

export interface DeckTexts {
  locale: string;
  deckTitle: string;
  subtitle: string;
  workspaceFallback: string;
  period: (from: string, to: string) => string;
  generated: (date: string) => string;
  continued: string;
  noneRecorded: string;
  noData: string;
  /** ": " in English, " : " (with a no-break space) in French. */
  colon: string;
  /** "and 3 more" after a shortened list. */
  more: (n: number) => string;
  omitted: (n: number) => string;
  services: {
    title: string;
    intro: string;
    name: string;
    owner: string;
    status: string;
    statuses: Record<string, string>;
  };
  objectives: {
    title: string;
    intro: string;
    kpi: string;
    objective: string;
    clauses: string;
    target: string;
    relative: (change: string, direction: 'lower' | 'higher') => string;
    absolute: (value: string, direction: 'lower' | 'higher') => string;
  };
  processes: {
    title: string;
    intro: string;
    clause: string;
    process: string;
    records: string;
    total: string;
    inPeriod: string;
    recordNames: Record<ProcessRecordKey, string>;
  };
  roles: {
    title: string;
    intro: string;
    role: string;
    people: string;
    roleNames: Record<string, string>;
    group: string;
    manager: string;
    members: string;
  };
  owners: {
    title: string;
    intro: string;
    person: string;
    answersFor: string;
    documents: string;
    workstreams: string;
    kpis: string;
  };
  kpis: {
    title: string;
    intro: string;
    kpi: string;
    target: string;
    current: string;
    status: string;
    baseline: string;
    statuses: Record<Status, string>;
  };
  roadmap: {
    title: string;
    intro: string;
    date: string;
    item: string;
    owner: string;
    status: string;
    sources: Record<MilestoneSource, string>;
    statuses: Record<string, string>;
  };
}

const en: DeckTexts = {
  locale: 'en-GB',
  deckTitle: 'Service Management Strategy Framework',
  subtitle: 'How our services, processes, people and measures serve the business',
  workspaceFallback: 'Meridian workspace',
  period: (from, to) => `Reporting period: ${from} to ${to}`,
  generated: (date) => `Generated from live Meridian records on ${date}`,
  continued: '(continued)',
  noneRecorded: 'None recorded.',
  noData: 'no data',
  colon: ': ',
  more: (n) => `and ${n} more`,
  omitted: (n) => `${n} more completed or later items are in Meridian.`,
  services: {
    title: 'Services in the catalogue',
    intro: 'The services we run for the business, who is accountable for each, and its stage.',
    name: 'Service',
    owner: 'Owner',
    status: 'Stage',
    statuses: { pipeline: 'In preparation', live: 'Live', retired: 'Retired' },
  },
  objectives: {
    title: 'Business objectives and how we measure them',
    intro: 'Each objective is followed by a KPI with a target; the clauses it gives evidence for.',
    kpi: 'KPI',
    objective: 'Objective served',
    clauses: 'Clauses',
    target: 'Target',
    relative: (change, direction) =>
      `${change} against the baseline (${direction === 'lower' ? 'lower' : 'higher'} is better)`,
    absolute: (value, direction) => `${direction === 'lower' ? 'at most' : 'at least'} ${value}`,
  },
  processes: {
    title: 'The process model',
    intro:
      'The management system processes as Meridian runs them, with the records each one holds.',
    clause: 'Clause',
    process: 'Process',
    records: 'Records in Meridian',
    total: 'All time',
    inPeriod: 'In period',
    recordNames: {
      services: 'catalogue services',
      complaints: 'customer complaints',
      slaPolicies: 'SLA policies',
      changes: 'requests for change',
      releases: 'releases',
      incidents: 'incidents',
      requests: 'service requests',
      problems: 'problem records',
      majorIncidents: 'major incidents',
      kpis: 'KPI definitions',
      audits: 'audits',
      reviews: 'management reviews',
      reportSubscriptions: 'service report subscriptions',
      findings: 'audit findings',
      improvements: 'improvement opportunities',
    },
  },
  roles: {
    title: 'Roles and responsibilities',
    intro: 'Active people by Meridian role, and the teams that carry the processes.',
    role: 'Role',
    people: 'People',
    roleNames: {
      admin: 'Administrator',
      manager: 'Manager (service owner, SMS manager)',
      agent: 'Agent (service desk, resolver groups)',
      auditor: 'Auditor',
      requester: 'Requester',
    },
    group: 'Team',
    manager: 'Manager',
    members: 'Members',
  },
  owners: {
    title: 'Who answers for the management system',
    intro: 'Owners of controlled documents, leads of programme workstreams and KPI owners.',
    person: 'Person',
    answersFor: 'Answers for',
    documents: 'Documents',
    workstreams: 'Workstreams',
    kpis: 'KPIs',
  },
  kpis: {
    title: 'KPIs: targets and current values',
    intro: 'Every KPI over the reporting period, as the KPI dashboard shows it.',
    kpi: 'KPI',
    target: 'Target',
    current: 'Current value',
    status: 'Status',
    baseline: 'Against baseline',
    statuses: {
      'on-track': 'On track',
      'at-risk': 'At risk',
      'off-track': 'Off track',
      unknown: 'Not judged',
    },
  },
  roadmap: {
    title: 'Roadmap milestones',
    intro: 'Programme phases and milestones, improvements and management review actions, by date.',
    date: 'Date',
    item: 'Item',
    owner: 'Owner',
    status: 'Status',
    sources: {
      phase: 'Phase',
      milestone: 'Milestone',
      improvement: 'Improvement',
      reviewAction: 'Review action',
    },
    statuses: {
      not_started: 'Not started',
      in_progress: 'In progress',
      blocked: 'Blocked',
      done: 'Done',
      cancelled: 'Cancelled',
      proposed: 'Proposed',
      approved: 'Approved',
      implemented: 'Implemented',
      closed: 'Closed',
      open: 'Open',
    },
  },
};

const fr: DeckTexts = {
  locale: 'fr-FR',
  deckTitle: 'Cadre stratégique de gestion des services',
  subtitle: 'Comment nos services, processus, équipes et mesures servent l’entreprise',
  workspaceFallback: 'Espace Meridian',
  period: (from, to) => `Période couverte : du ${from} au ${to}`,
  generated: (date) => `Produit à partir des données de Meridian le ${date}`,
  continued: '(suite)',
  noneRecorded: 'Aucun élément enregistré.',
  noData: 'pas de données',
  colon: '\u00a0: ',
  more: (n) => `et ${n} autres`,
  omitted: (n) => `${n} autres éléments, terminés ou plus lointains, sont dans Meridian.`,
  services: {
    title: 'Services du catalogue',
    intro: 'Les services que nous assurons pour l’entreprise, leur responsable et leur étape.',
    name: 'Service',
    owner: 'Responsable',
    status: 'Étape',
    statuses: { pipeline: 'En préparation', live: 'En service', retired: 'Retiré' },
  },
  objectives: {
    title: 'Objectifs métier et leur mesure',
    intro: 'Chaque objectif est suivi par un indicateur avec une cible ; les articles qu’il étaye.',
    kpi: 'Indicateur',
    objective: 'Objectif servi',
    clauses: 'Articles',
    target: 'Cible',
    relative: (change, direction) =>
      `${change} par rapport à la référence (${direction === 'lower' ? 'plus bas' : 'plus haut'} = mieux)`,
    absolute: (value, direction) => `${direction === 'lower' ? 'au plus' : 'au moins'} ${value}`,
  },
  processes: {
    title: 'Le modèle de processus',
    intro:
      'Les processus du système de management tels que Meridian les fait vivre, avec leurs enregistrements.',
    clause: 'Article',
    process: 'Processus',
    records: 'Enregistrements dans Meridian',
    total: 'Au total',
    inPeriod: 'Sur la période',
    recordNames: {
      services: 'services du catalogue',
      complaints: 'réclamations clients',
      slaPolicies: 'politiques de SLA',
      changes: 'demandes de changement',
      releases: 'mises en production',
      incidents: 'incidents',
      requests: 'demandes de service',
      problems: 'problèmes',
      majorIncidents: 'incidents majeurs',
      kpis: 'définitions d’indicateurs',
      audits: 'audits',
      reviews: 'revues de direction',
      reportSubscriptions: 'abonnements aux rapports de service',
      findings: 'constats d’audit',
      improvements: 'opportunités d’amélioration',
    },
  },
  roles: {
    title: 'Rôles et responsabilités',
    intro: 'Personnes actives par rôle dans Meridian, et les équipes qui portent les processus.',
    role: 'Rôle',
    people: 'Personnes',
    roleNames: {
      admin: 'Administrateur',
      manager: 'Responsable (service, système de management)',
      agent: 'Agent (centre de services, groupes de résolution)',
      auditor: 'Auditeur',
      requester: 'Demandeur',
    },
    group: 'Équipe',
    manager: 'Responsable',
    members: 'Membres',
  },
  owners: {
    title: 'Qui répond du système de management',
    intro:
      'Propriétaires des documents maîtrisés, pilotes des chantiers du programme et des indicateurs.',
    person: 'Personne',
    answersFor: 'Répond de',
    documents: 'Documents',
    workstreams: 'Chantiers',
    kpis: 'Indicateurs',
  },
  kpis: {
    title: 'Indicateurs : cibles et valeurs actuelles',
    intro: 'Chaque indicateur sur la période, tel que le tableau de bord le montre.',
    kpi: 'Indicateur',
    target: 'Cible',
    current: 'Valeur actuelle',
    status: 'Statut',
    baseline: 'Par rapport à la référence',
    statuses: {
      'on-track': 'Conforme',
      'at-risk': 'À surveiller',
      'off-track': 'En écart',
      unknown: 'Non évalué',
    },
  },
  roadmap: {
    title: 'Jalons de la feuille de route',
    intro:
      'Phases et jalons du programme, améliorations et actions des revues de direction, par date.',
    date: 'Date',
    item: 'Élément',
    owner: 'Responsable',
    status: 'Statut',
    sources: {
      phase: 'Phase',
      milestone: 'Jalon',
      improvement: 'Amélioration',
      reviewAction: 'Action de revue',
    },
    statuses: {
      not_started: 'Non commencée',
      in_progress: 'En cours',
      blocked: 'Bloquée',
      done: 'Terminée',
      cancelled: 'Annulée',
      proposed: 'Proposée',
      approved: 'Approuvée',
      implemented: 'Mise en œuvre',
      closed: 'Clôturée',
      open: 'Ouverte',
    },
  },
};

export const DECK_TEXTS: Record<DeckLanguage, DeckTexts> = { en, fr };
