import type { MessageCatalogue } from './messages.js';

const clockName = {
  first_response: 'de première réponse',
  resolution: 'de résolution',
} as const;

export const fr: MessageCatalogue = {
  templates: {
    assigned: (p, role) => ({
      title: `${p.number} ${role === 'assignee' ? 'vous est attribué' : 'est attribué à votre groupe'}`,
      body:
        role === 'assignee'
          ? `${p.actorName} vous a attribué « ${p.title} ».`
          : `${p.actorName} a placé « ${p.title} » dans la file de votre groupe ; prenez-le dès que possible.`,
    }),
    'public-reply': (p, role) => ({
      title: `Nouvelle réponse sur ${p.number}`,
      body:
        role === 'requester'
          ? `${p.actorName} a répondu à votre ticket « ${p.title} ».`
          : `${p.actorName} a répondu sur « ${p.title} ».`,
    }),
    'approval-requested': (p) => ({
      title: `Approbation requise : ${p.number}`,
      body: `« ${p.title} » attend votre approbation.`,
    }),
    'sla-warning': (p) => ({
      title: `${p.number} : ${p.percent} % du délai ${clockName[p.clock ?? 'resolution']} consommé`,
      body: `« ${p.title} » a consommé ${p.percent} % de son délai ${clockName[p.clock ?? 'resolution']}. Agissez avant le dépassement.`,
    }),
    'sla-breach': (p, role) => ({
      title: `${p.number} : délai ${clockName[p.clock ?? 'resolution']} dépassé`,
      body:
        role === 'group-manager'
          ? `« ${p.title} » a dépassé son délai ${clockName[p.clock ?? 'resolution']}. Escaladé vers vous en tant que responsable du groupe (escalade hiérarchique).`
          : role === 'group-member'
            ? `« ${p.title} » a dépassé son délai ${clockName[p.clock ?? 'resolution']}. Escaladé dans la file de votre groupe (escalade fonctionnelle) : que la première personne disponible le prenne.`
            : `« ${p.title} » a dépassé son délai ${clockName[p.clock ?? 'resolution']}.`,
    }),
    resolved: (p) => ({
      title: `${p.number} résolu`,
      body: `Votre ticket « ${p.title} » a été résolu par ${p.actorName}. Répondez si le problème persiste.`,
    }),
    'survey-invitation': (p) => ({
      title: `Votre avis sur ${p.number}`,
      body: `Votre ticket « ${p.title} » a été résolu. Merci d’évaluer notre service avec le lien ci-dessous : une minute suffit${p.expiresAt ? `, et le lien reste valable jusqu’au ${p.expiresAt.slice(0, 10)}` : ''}.`,
    }),
    'complaint-opened': (p) => ({
      title: `Réclamation ${p.number} ouverte`,
      body: `Une réclamation a été ouverte au sujet de « ${p.title} ». Vous en êtes responsable en tant que propriétaire du service : analysez-la et consignez sa résolution.`,
    }),
    'acknowledgement-requested': (p) => ({
      title: `Lecture et accusé de lecture demandés : ${p.number}`,
      body: `${p.actorName} vous demande de lire « ${p.title} » et d’en accuser lecture${p.expiresAt ? ` avant le ${p.expiresAt.slice(0, 10)}` : ''}.`,
    }),
    'training-due': (p) => ({
      title: `Formation à suivre${p.expiresAt ? ` avant le ${p.expiresAt.slice(0, 10)}` : ''} : ${p.title}`,
      body: `Votre formation « ${p.title} » (${p.number}) est à terminer${p.expiresAt ? ` avant le ${p.expiresAt.slice(0, 10)}` : ' bientôt'}. Ouvrez Mes formations pour la suivre.`,
    }),
    'training-overdue': (p) => ({
      title: `Formation en retard : ${p.title}`,
      body: `Votre formation « ${p.title} » (${p.number}) était à terminer${p.expiresAt ? ` avant le ${p.expiresAt.slice(0, 10)}` : ''} et n’est pas encore faite. Merci de la suivre dès que possible.`,
    }),
    'corrective-action-assigned': (p) => ({
      title: `Action corrective à votre charge : ${p.number}`,
      body: `${p.actorName} vous a confié l’action corrective du constat d’audit ${p.number} « ${p.title} »${p.expiresAt ? `, à réaliser avant le ${p.expiresAt.slice(0, 10)}` : ''}. Enregistrez la correction, la cause racine et l’action, puis marquez-la comme réalisée.`,
    }),
  },
  emailFooter: (url) => `Ouvrir dans Meridian : ${url}`,
};
