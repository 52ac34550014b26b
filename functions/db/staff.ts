import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";

import { InviteSchema, SessionSchema, StaffAccountSchema, type Invite, type Session, type StaffAccount } from "../domain/staff";
import type { Database } from "./client";
import { conditionally } from "./conditions";
import { keys } from "./keys";
import { partition, queryAll } from "./query-all";

const strip = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...rest } = item;
  return rest;
};


/** Staff accounts, invites and sessions. Every key comes from `keys.ts`. */
export function staffRepository(db: Database) {
  const TableName = db.tableName;

  async function queryIndex(gsi1pk: string): Promise<Record<string, unknown>[]> {
    return (await queryAll(db, partition(gsi1pk, { index: "gsi1" }))).map(strip);
  }

  const accountItem = (account: StaffAccount) => ({
    ...account,
    ...keys.account(account.id),
    ...keys.accountListing(account.id),
    type: "account",
  });

  return {
    async getAccount(id: string): Promise<StaffAccount | undefined> {
      const out = await db.doc.send(new GetCommand({ TableName, Key: keys.account(id) }));
      return out.Item ? StaffAccountSchema.parse(strip(out.Item)) : undefined;
    },

    async getAccountByEmail(email: string): Promise<StaffAccount | undefined> {
      const claim = await db.doc.send(new GetCommand({ TableName, Key: keys.emailClaim(email) }));
      return claim.Item ? this.getAccount(String(claim.Item.accountId)) : undefined;
    },

    async listAccounts(): Promise<StaffAccount[]> {
      return (await queryIndex(keys.allAccounts().gsi1pk)).map((i) => StaffAccountSchema.parse(i));
    },

    /**
     * Creates the account, claims its email and uses up the invite in one transaction: a
     * second use of the same link, or a second account for the same email, fails whole.
     * Returns false when the invite was already used or the email is taken.
     */
    async createAccountFromInvite(account: StaffAccount, inviteTokenHash: string, now: string): Promise<boolean> {
      return conditionally(() =>
        db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName,
                  Key: keys.invite(inviteTokenHash),
                  UpdateExpression: "SET usedAt = :now REMOVE pending",
                  ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(usedAt)",
                  ExpressionAttributeValues: { ":now": now },
                },
              },
              {
                Put: {
                  TableName,
                  Item: { ...keys.emailClaim(account.email), accountId: account.id, type: "email" },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              { Put: { TableName, Item: accountItem(account), ConditionExpression: "attribute_not_exists(pk)" } },
            ],
          }),
        ),
      );
    },

    /** Creates an account and claims its email, without an invite: demo accounts and tests only. */
    async createAccountDirectly(account: StaffAccount): Promise<void> {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { ...keys.emailClaim(account.email), accountId: account.id, type: "email" }, ConditionExpression: "attribute_not_exists(pk)" } },
            { Put: { TableName, Item: accountItem(account), ConditionExpression: "attribute_not_exists(pk)" } },
          ],
        }),
      );
    },

    /** Saves changes to an existing account (never its id or email). */
    async saveAccount(account: StaffAccount): Promise<void> {
      await db.doc.send(new PutCommand({ TableName, Item: accountItem(account), ConditionExpression: "attribute_exists(pk)" }));
    },

    /** Replaces an account's TOTP secret in clear with its sealed copy, if it is still the one read. */
    async sealTotpSecret(accountId: string, clear: string, sealed: string): Promise<boolean> {
      return conditionally(() =>
        db.doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.account(accountId),
            UpdateExpression: "SET totpSealed = :sealed REMOVE totpSecret",
            ConditionExpression: "totpSecret = :clear",
            ExpressionAttributeValues: { ":sealed": sealed, ":clear": clear },
          }),
        ),
      );
    },

    /**
     * Accepts a TOTP step only if it is later than the last one accepted, atomically: two
     * sign-ins racing with the same code cannot both succeed.
     */
    async claimTotpStep(accountId: string, step: number): Promise<boolean> {
      return conditionally(() =>
        db.doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.account(accountId),
            UpdateExpression: "SET totpLastStep = :step",
            ConditionExpression: "attribute_not_exists(totpLastStep) OR totpLastStep < :step",
            ExpressionAttributeValues: { ":step": step },
          }),
        ),
      );
    },

    /** Removes one recovery code, atomically: a code can only ever be used once. */
    async useRecoveryCode(account: StaffAccount, codeHash: string): Promise<boolean> {
      const index = account.recoveryCodeHashes.indexOf(codeHash);
      if (index < 0) return false;
      return conditionally(() =>
        db.doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.account(account.id),
            UpdateExpression: `REMOVE recoveryCodeHashes[${index}]`,
            ConditionExpression: `recoveryCodeHashes[${index}] = :hash`,
            ExpressionAttributeValues: { ":hash": codeHash },
          }),
        ),
      );
    },

    async deleteAccount(account: StaffAccount): Promise<void> {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName, Key: keys.account(account.id) } },
            { Delete: { TableName, Key: keys.emailClaim(account.email) } },
          ],
        }),
      );
      await this.deleteSessionsOf(account.id);
    },

    async saveInvite(invite: Invite): Promise<void> {
      await db.doc.send(new PutCommand({ TableName, Item: { ...invite, ...keys.invite(invite.tokenHash), type: "invite" } }));
    },

    async getInvite(tokenHash: string): Promise<Invite | undefined> {
      const out = await db.doc.send(new GetCommand({ TableName, Key: keys.invite(tokenHash) }));
      return out.Item ? InviteSchema.parse(strip(out.Item)) : undefined;
    },

    /** Records the name, password and TOTP secret chosen while an invite is being accepted. */
    async setInvitePending(tokenHash: string, pending: NonNullable<Invite["pending"]>): Promise<boolean> {
      return conditionally(() =>
        db.doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.invite(tokenHash),
            UpdateExpression: "SET pending = :pending",
            ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(usedAt)",
            ExpressionAttributeValues: { ":pending": pending },
          }),
        ),
      );
    },

    async saveSession(session: Session): Promise<void> {
      await db.doc.send(
        new PutCommand({
          TableName,
          Item: { ...session, ...keys.session(session.tokenHash), ...keys.sessionOfAccount(session.accountId, session.tokenHash), type: "session" },
        }),
      );
    },

    async getSession(tokenHash: string): Promise<Session | undefined> {
      const out = await db.doc.send(new GetCommand({ TableName, Key: keys.session(tokenHash) }));
      return out.Item ? SessionSchema.parse(strip(out.Item)) : undefined;
    },

    /** Marks the session as used now; a session deleted meanwhile stays deleted. */
    async touchSession(tokenHash: string, now: number): Promise<void> {
      await conditionally(() =>
        db.doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.session(tokenHash),
            UpdateExpression: "SET lastSeenAt = :now",
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeValues: { ":now": now },
          }),
        ),
      );
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.doc.send(new DeleteCommand({ TableName, Key: keys.session(tokenHash) }));
    },

    /** Ends every session of an account: sign out everywhere, role changes, removal. */
    async deleteSessionsOf(accountId: string): Promise<number> {
      const sessions = await queryIndex(keys.sessionsOfAccount(accountId).gsi1pk);
      await Promise.all(sessions.map((s) => this.deleteSession(String(s.tokenHash))));
      return sessions.length;
    },
  };
}

export type StaffRepository = ReturnType<typeof staffRepository>;
