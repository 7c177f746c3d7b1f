// Words for generated tickets: what a luxury retailer's staff and customers report, per service.
type Next = () => number;
const pick = <T>(next: Next, items: readonly T[]): T =>
  items[Math.floor(next() * items.length)] as T;

const INCIDENTS: Record<string, readonly string[]> = {
  storefront: [
    'Checkout page returns an error after payment',
    'Product images not loading on the Paris site',
    'Search shows out-of-stock handbags as available',
    'Basket emptied when switching language to French',
    'Slow product pages during the evening peak',
    'Promo code rejected for the private sale',
    'Size guide missing on new collection pages',
  ],
  payment: [
    'Card payments declined with valid cards',
    '3-D Secure challenge never completes',
    'Refund stuck in pending for three days',
    'Apple Pay button missing on checkout',
    'Duplicate charge reported by a client',
    'Settlement file from the acquirer not received',
  ],
  pos: [
    'Point-of-sale terminal frozen at the till',
    'Receipt printer out of service in the boutique',
    'PIN pad disconnected after the update',
    'Gift card balance not shown at the till',
    'End-of-day report does not match the cash count',
    'Cannot look up a client’s order history in store',
  ],
  crm: [
    'Client profile shows the wrong preferred boutique',
    'CRM sync with the storefront failed overnight',
    'Clienteling app crashes when opening a profile',
    'Duplicate client records after import',
    'Birthday campaign list empty',
  ],
  email: [
    'Shared mailbox not receiving client emails',
    'Outlook keeps asking for the password',
    'Calendar invitations arrive late',
    'Email signature lost after migration',
    'Mailbox full for the boutique manager',
  ],
  warehouse: [
    'Pick lists not printing in the warehouse',
    'Stock levels not updated after receiving',
    'Carrier labels rejected by the courier',
    'Scanner cannot connect to the warehouse Wi-Fi',
    'Orders stuck in “ready to ship”',
  ],
};

const REQUESTS: readonly string[] = [
  'New laptop for a new merchandiser',
  'Access to the CRM for a client adviser',
  'Shared mailbox for the Milan boutique',
  'New point-of-sale terminal for a pop-up store',
  'Gift card refund for a client',
  'VPN access for a contractor',
  'Reset of a boutique tablet',
  'Second screen for the e-commerce team',
];

const REPLIES = {
  'first-reply': [
    'Thank you for reporting this; I am looking into it now.',
    'We have received your request and are on it.',
    'I can reproduce the problem and have involved the team.',
    'Could you send a screenshot of the error, please?',
    'Merci pour votre message, nous analysons le problème.',
  ],
  note: [
    'Same error in the logs since the last deployment.',
    'Checked with the supplier: they see the issue on their side.',
    'Looks related to the change of last night; linking it.',
    'Waiting for the store to confirm after the restart.',
  ],
  requester: [
    'It happened again this morning.',
    'Here is the screenshot you asked for.',
    'Thank you, it works now.',
    'Any news? The client is waiting in the boutique.',
  ],
  resolution: [
    'Restarted the service and confirmed with the user.',
    'Applied the known workaround and monitored for an hour.',
    'Corrected the configuration and deployed the fix.',
    'Replaced the faulty device.',
    'Delivered and confirmed with the requester.',
  ],
  complaint: [
    'It took far too long and nobody kept me informed.',
    'The problem came back the next day.',
    'I had to call three times before anyone answered.',
  ],
} as const;

function serviceKey(serviceName: string): keyof typeof INCIDENTS {
  const name = serviceName.toLowerCase();
  if (name.includes('payment')) return 'payment';
  if (name.includes('point of sale') || name.includes('pos')) return 'pos';
  if (name.includes('crm')) return 'crm';
  if (name.includes('mail')) return 'email';
  if (name.includes('warehouse')) return 'warehouse';
  return 'storefront';
}

export const incidentTitle = (next: Next, serviceName: string) =>
  pick(next, INCIDENTS[serviceKey(serviceName)] ?? INCIDENTS.storefront ?? []);

export const requestTitle = (next: Next, _serviceName: string) => pick(next, REQUESTS);

export const replyText = (next: Next, kind: keyof typeof REPLIES) => pick(next, REPLIES[kind]);
