import type { MessageCatalogue } from './messages.js';

const clockName = { first_response: 'first response', resolution: 'resolution' } as const;

export const en: MessageCatalogue = {
  templates: {
    assigned: (p, role) => ({
      title: `${p.number} assigned to ${role === 'assignee' ? 'you' : 'your group'}`,
      body:
        role === 'assignee'
          ? `${p.actorName} assigned "${p.title}" to you.`
          : `${p.actorName} assigned "${p.title}" to your group's queue; take it when you can.`,
    }),
    'public-reply': (p, role) => ({
      title: `New reply on ${p.number}`,
      body:
        role === 'requester'
          ? `${p.actorName} replied to your ticket "${p.title}".`
          : `${p.actorName} replied on "${p.title}".`,
    }),
    'approval-requested': (p) => ({
      title: `Approval needed: ${p.number}`,
      body: `"${p.title}" is waiting for your approval.`,
    }),
    'sla-warning': (p) => ({
      title: `${p.number}: ${p.percent}% of the ${clockName[p.clock ?? 'resolution']} target used`,
      body: `"${p.title}" has used ${p.percent}% of its ${clockName[p.clock ?? 'resolution']} time. Act before it is breached.`,
    }),
    'sla-breach': (p, role) => ({
      title: `${p.number}: ${clockName[p.clock ?? 'resolution']} target breached`,
      body:
        role === 'group-manager'
          ? `"${p.title}" breached its ${clockName[p.clock ?? 'resolution']} target. Escalated to you as the group's manager (hierarchical escalation).`
          : role === 'group-member'
            ? `"${p.title}" breached its ${clockName[p.clock ?? 'resolution']} target. Escalated to your group's queue (functional escalation): anyone free, please take it.`
            : `"${p.title}" breached its ${clockName[p.clock ?? 'resolution']} target.`,
    }),
    resolved: (p) => ({
      title: `${p.number} resolved`,
      body: `Your ticket "${p.title}" was resolved by ${p.actorName}. Reply if the problem is still there.`,
    }),
    'survey-invitation': (p) => ({
      title: `How did we do on ${p.number}?`,
      body: `Your ticket "${p.title}" was resolved. Please rate our service with the link below; it takes a minute${p.expiresAt ? ` and works until ${p.expiresAt.slice(0, 10)}` : ''}.`,
    }),
    'complaint-opened': (p) => ({
      title: `Complaint ${p.number} opened`,
      body: `A complaint was opened about "${p.title}". You own it as the service owner: investigate and record the resolution.`,
    }),
    'acknowledgement-requested': (p) => ({
      title: `Please read and acknowledge ${p.number}`,
      body: `${p.actorName} asks you to read "${p.title}" and acknowledge it${p.expiresAt ? ` by ${p.expiresAt.slice(0, 10)}` : ''}.`,
    }),
    'training-due': (p) => ({
      title: `Training due${p.expiresAt ? ` on ${p.expiresAt.slice(0, 10)}` : ''}: ${p.title}`,
      body: `Your course "${p.title}" (${p.number}) is due${p.expiresAt ? ` on ${p.expiresAt.slice(0, 10)}` : ' soon'}. Open My training to complete it.`,
    }),
    'training-overdue': (p) => ({
      title: `Training overdue: ${p.title}`,
      body: `Your course "${p.title}" (${p.number}) was due${p.expiresAt ? ` on ${p.expiresAt.slice(0, 10)}` : ''} and is not completed yet. Please complete it as soon as you can.`,
    }),
    'corrective-action-assigned': (p) => ({
      title: `Corrective action for you: ${p.number}`,
      body: `${p.actorName} made you the owner of the corrective action of audit finding ${p.number} "${p.title}"${p.expiresAt ? `, due on ${p.expiresAt.slice(0, 10)}` : ''}. Record the correction, the root cause and the action, then mark it done.`,
    }),
  },
  emailFooter: (url) => `Open in Meridian: ${url}`,
};
