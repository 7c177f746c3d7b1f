import { hash, verify } from '@node-rs/argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
}

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's baseline). Tests pass
// cheaper parameters to stay fast; stored hashes carry their own parameters.
export function argon2Hasher(
  options: { memoryCost?: number; timeCost?: number } = {},
): PasswordHasher {
  return {
    hash: (password) => hash(password, { algorithm: 2, ...options }),
    async verify(passwordHash, password) {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },
  };
}
