// Words for the demo's legacy import: what the retailer's previous help desk held, in that tool's
// own vocabulary (French column names and values, as the head office configured it). The mapping
// below translates them; the seeder in legacy-import.ts builds the export from these templates.

/** How a kind of incident was logged in the old tool. */
export interface LegacyIncidentText {
  subject: string;
  description: string;
  /** The old tool's category ("Catégorie"). */
  category: 'Accès' | 'Matériel' | 'Logiciel' | 'Réseau' | 'Paiement' | 'Commande';
  /** The old tool's application ("Application"), translated to a catalogue service. */
  application: 'Site web' | 'Monétique' | 'Caisse' | 'CRM' | 'Messagerie' | 'Entrepôt';
  /** The old tool's team ("Équipe"). */
  team: 'Support N1' | 'Web' | 'Monétique' | 'Caisses' | 'Support Entrepôt';
  /** Where it usually comes from; null: any boutique or head office. */
  site?: 'Paris' | 'Milan' | 'Londres' | 'Siège' | null;
  /** The old tool's priorities this kind of incident got, most likely first. */
  priorities: readonly ('Critique' | 'Haute' | 'Moyenne' | 'Basse')[];
}

export const LEGACY_INCIDENTS: readonly LegacyIncidentText[] = [
  {
    subject: 'Checkout page times out at the payment step',
    description:
      'Several clients abandoned their basket: the page spins after "Pay" and ends on an error.',
    category: 'Paiement',
    application: 'Site web',
    team: 'Web',
    site: 'Siège',
    priorities: ['Critique', 'Haute'],
  },
  {
    subject: 'Product page shows the wrong price in pounds',
    description: 'The UK site shows the euro price with a £ sign on the new leather goods.',
    category: 'Logiciel',
    application: 'Site web',
    team: 'Web',
    site: 'Londres',
    priorities: ['Haute', 'Moyenne'],
  },
  {
    subject: 'Newsletter sign-up form returns an error',
    description: 'Visitors get "something went wrong" when they subscribe from the footer.',
    category: 'Logiciel',
    application: 'Site web',
    team: 'Web',
    site: 'Siège',
    priorities: ['Moyenne', 'Basse'],
  },
  {
    subject: 'Terminal de paiement bloqué sur « connexion en cours »',
    description:
      'Le TPE de la caisse 2 ne se connecte plus depuis l’ouverture ; la caisse 1 marche.',
    category: 'Paiement',
    application: 'Monétique',
    team: 'Monétique',
    site: 'Paris',
    priorities: ['Haute', 'Critique'],
  },
  {
    subject: 'Card terminal declines contactless payments',
    description: 'Chip and PIN works, contactless is refused with code 65 since this morning.',
    category: 'Paiement',
    application: 'Monétique',
    team: 'Monétique',
    site: 'Londres',
    priorities: ['Haute', 'Moyenne'],
  },
  {
    subject: 'Terminale POS non stampa lo scontrino fiscale',
    description:
      'La stampante fiscale della cassa 1 segnala errore carta anche con il rotolo nuovo.',
    category: 'Matériel',
    application: 'Caisse',
    team: 'Caisses',
    site: 'Milan',
    priorities: ['Haute', 'Moyenne'],
  },
  {
    subject: 'Till cannot find the new collection references',
    description: 'Scanning the new season bags gives "unknown article"; the price file seems old.',
    category: 'Logiciel',
    application: 'Caisse',
    team: 'Caisses',
    site: null,
    priorities: ['Haute', 'Moyenne'],
  },
  {
    subject: 'Caisse très lente pour la détaxe',
    description:
      'Le formulaire de détaxe met plusieurs minutes à s’imprimer, les clients attendent.',
    category: 'Logiciel',
    application: 'Caisse',
    team: 'Caisses',
    site: 'Paris',
    priorities: ['Moyenne'],
  },
  {
    subject: 'Client file shows another client’s purchases',
    description: 'Two client records seem merged in the CRM: the adviser saw purchases not theirs.',
    category: 'Logiciel',
    application: 'CRM',
    team: 'Support N1',
    site: null,
    priorities: ['Haute', 'Moyenne'],
  },
  {
    subject: 'Accesso al CRM negato per la nuova consulente',
    description: 'La nuova consulente di vendita non riesce ad accedere al CRM: account bloccato.',
    category: 'Accès',
    application: 'CRM',
    team: 'Support N1',
    site: 'Milan',
    priorities: ['Moyenne', 'Basse'],
  },
  {
    subject: 'Mot de passe expiré sur le poste de la boutique',
    description: 'La conseillère ne peut plus ouvrir sa session, le mot de passe a expiré.',
    category: 'Accès',
    application: 'Messagerie',
    team: 'Support N1',
    site: 'Paris',
    priorities: ['Moyenne', 'Basse'],
  },
  {
    subject: 'Shared mailbox not visible in Outlook',
    description: 'The boutique’s shared mailbox disappeared from Outlook after the update.',
    category: 'Logiciel',
    application: 'Messagerie',
    team: 'Support N1',
    site: 'Londres',
    priorities: ['Basse', 'Moyenne'],
  },
  {
    subject: 'Boutique Wi-Fi drops every few minutes',
    description: 'Tablets used for client appointments lose the network several times an hour.',
    category: 'Réseau',
    application: 'Caisse',
    team: 'Support N1',
    site: null,
    priorities: ['Moyenne', 'Haute'],
  },
  {
    subject: 'Web orders not received by the warehouse',
    description: 'Orders paid online since last night do not appear in the warehouse pick list.',
    category: 'Commande',
    application: 'Entrepôt',
    team: 'Support Entrepôt',
    site: 'Siège',
    priorities: ['Critique', 'Haute'],
  },
  {
    subject: 'Shipping labels print blank',
    description: 'The label printer at the packing desk feeds blank labels for express parcels.',
    category: 'Matériel',
    application: 'Entrepôt',
    team: 'Support Entrepôt',
    site: 'Siège',
    priorities: ['Haute', 'Moyenne'],
  },
  {
    subject: 'Stock shown online differs from the boutique stock',
    description: 'A client reserved a bag online that the boutique had sold the day before.',
    category: 'Commande',
    application: 'Entrepôt',
    team: 'Support Entrepôt',
    site: null,
    priorities: ['Moyenne', 'Basse'],
  },
  {
    subject: 'Gift card balance cannot be read',
    description: 'Scanning a gift card at the till shows "balance unavailable".',
    category: 'Paiement',
    application: 'Monétique',
    team: 'Monétique',
    site: null,
    priorities: ['Moyenne', 'Haute'],
  },
  {
    subject: 'Badge reader of the stock room refuses staff badges',
    description: 'Nobody can open the stock room with their badge since the power cut.',
    category: 'Matériel',
    application: 'Caisse',
    team: 'Support N1',
    site: null,
    priorities: ['Moyenne'],
  },
];

/** Boutiques and head office as the old tool named them. */
export const LEGACY_SITES = ['Paris', 'Milan', 'Londres', 'Siège'] as const;

/** Who reported incidents in the old tool, by site: some still work here, others have left. */
export const LEGACY_REPORTERS: Record<(typeof LEGACY_SITES)[number], readonly string[]> = {
  Paris: ['Lucie Bernard', 'Camille Laurent', 'Inès Moreau'],
  Milan: ['Giulia Conti', 'Francesca Greco'],
  Londres: ['Oliver Hughes', 'Emily Clarke'],
  Siège: ['Hélène Marchand', 'Julien Petit', 'Nadia Haddad'],
};

/** The old tool's technicians, by team: current agents, and people who left before Meridian. */
export const LEGACY_TECHNICIANS: Record<LegacyIncidentText['team'], readonly string[]> = {
  'Support N1': ['Marco Rossi', 'James Wright', 'Thomas Lefèvre'],
  Web: ['Sophie Martin', 'Antoine Girard'],
  Monétique: ['Sophie Martin', 'Élodie Faure'],
  Caisses: ['James Wright', 'Luca Ferrari'],
  'Support Entrepôt': ['Thomas Lefèvre', 'Karim Benali'],
};

/**
 * The mapping an administrator writes for this export (docs/imports.md, "The mapping"): value
 * translations turn the old tool's words into Meridian's. "Support Entrepôt" is left as it is:
 * no Meridian group has that name, so the import creates it (marked imported from legacy-desk).
 */
export const LEGACY_MAPPING = {
  type: 'incidents',
  source: 'legacy-desk',
  sourceKey: 'N° ticket',
  dateFormat: 'dd/MM/yyyy HH:mm',
  timeZone: 'Europe/Paris',
  fields: {
    title: 'Objet',
    description: 'Description',
    status: {
      column: 'Statut',
      values: { Clôturé: 'closed', Annulé: 'closed', Résolu: 'resolved' },
    },
    priority: {
      column: 'Priorité',
      values: { Critique: 'P1', Haute: 'P2', Moyenne: 'P3', Basse: 'P4' },
    },
    impact: { column: 'Priorité', values: { Critique: '1', Haute: '1', Moyenne: '2', Basse: '3' } },
    urgency: {
      column: 'Priorité',
      values: { Critique: '1', Haute: '2', Moyenne: '2', Basse: '3' },
    },
    category: {
      column: 'Catégorie',
      values: {
        Accès: 'access',
        Matériel: 'hardware',
        Logiciel: 'software',
        Réseau: 'network',
        Paiement: 'payment',
        Commande: 'order',
      },
    },
    service: {
      column: 'Application',
      values: {
        'Site web': 'E-commerce storefront',
        Monétique: 'Payment gateway',
        Caisse: 'Point of sale (boutiques)',
        CRM: 'CRM',
        Messagerie: 'Email and collaboration',
        Entrepôt: 'Warehouse management',
      },
    },
    requester: 'Demandeur',
    organisation: {
      column: 'Site',
      values: {
        Paris: 'Boutique Paris Saint-Honoré',
        Milan: 'Boutique Milano Montenapoleone',
        Londres: 'Boutique London Bond Street',
        Siège: 'Maison Verlaine',
      },
    },
    group: {
      column: 'Équipe',
      values: {
        'Support N1': 'Service Desk',
        Web: 'E-commerce Platform',
        Monétique: 'Payments',
        Caisses: 'Store Systems',
      },
    },
    assignee: 'Technicien',
    createdAt: 'Ouvert le',
    firstRespondedAt: 'Pris en charge le',
    resolvedAt: 'Résolu le',
    closedAt: 'Clôturé le',
    resolutionCode: {
      column: 'Code de clôture',
      values: {
        Résolu: 'solved',
        Contournement: 'workaround',
        'Non reproduit': 'not_reproducible',
        Doublon: 'duplicate',
        Annulé: 'cancelled',
      },
    },
    slaMet: 'SLA respecté',
  },
} as const;

/** The export's columns, in the old tool's order. */
export const LEGACY_COLUMNS = [
  'N° ticket',
  'Objet',
  'Description',
  'Statut',
  'Priorité',
  'Catégorie',
  'Application',
  'Site',
  'Demandeur',
  'Équipe',
  'Technicien',
  'Ouvert le',
  'Pris en charge le',
  'Résolu le',
  'Clôturé le',
  'Code de clôture',
  'SLA respecté',
] as const;
