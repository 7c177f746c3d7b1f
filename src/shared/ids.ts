import { randomFillSync } from 'node:crypto';

// Random bytes are drawn from the system in blocks: one call per 256 ids instead of one per id.
const POOL = Buffer.alloc(16 * 256);
let poolOffset = POOL.length;

function random16(): Buffer {
  if (poolOffset >= POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  const bytes = Buffer.from(POOL.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return bytes;
}

/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Ids made by the app sort by
 * creation time, which keeps B-tree inserts local and gives keyset pages a natural order.
 */
export function uuidv7(nowMs: number = Date.now()): string {
  const bytes = random16();
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
