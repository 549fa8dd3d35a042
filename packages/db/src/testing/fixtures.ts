/** Small builders for tests: unique users, rounds and answers. */
import { SDG_10_7_2_V2019, type InstrumentVersion } from '@migov/core';
import type { MigovDatabase } from '../database.ts';
import { createRound, type Round } from '../rounds/rounds.repository.ts';
import { createUser, type User } from '../users/users.repository.ts';
import type { ResponseChange } from '../assessments/assessments.repository.ts';

let sequence = 0;

/** A unique suffix within the test process. */
export function unique(): number {
  sequence += 1;
  return sequence;
}

/** A user with a unique email. */
export async function makeUser(db: MigovDatabase, name = 'Test user'): Promise<User> {
  const n = unique();
  return createUser(db, {
    email: `user${n}-${process.pid}@example.org`,
    name: `${name} ${n}`,
    passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$dGVzdHNhbHQ$dGVzdGhhc2g',
  });
}

let year = 2000;

/** A 10.7.2 (2019 version) round in a year no other test of this process uses. */
export async function makeRound(db: MigovDatabase, actorId: string | null = null): Promise<Round> {
  year += 1;
  return createRound(
    db,
    { year, instrument: 'sdg-10-7-2', version: '2019', opensOn: `${year}-01-01`, closesOn: `${year}-12-31` },
    actorId,
  );
}

/** A unique M49-like country code for an assessment (3 digits, no leading zero). */
export function makeCountryCode(): string {
  return String(100 + (unique() % 900));
}

/** Changes answering every item of an instrument with its first option. */
export function answerEverything(
  instrument: InstrumentVersion = SDG_10_7_2_V2019,
  pick: (index: number) => number = () => 0,
): ResponseChange[] {
  return instrument.domains
    .flatMap((domain) => domain.items)
    .map((item, index) => {
      const options = instrument.scales[item.scale] ?? [];
      const option = options[pick(index) % options.length];
      return { itemId: item.id, optionId: option?.id ?? null };
    });
}
