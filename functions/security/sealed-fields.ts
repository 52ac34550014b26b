import type { FieldCipher } from "./field-encryption";

/**
 * Encrypts a record's named text values field by field (each bound to the record and field by
 * its encryption context), and opens them again. Empty values are left out, not encrypted.
 */
export async function sealFields(cipher: FieldCipher, record: string, values: Record<string, string | undefined>): Promise<Record<string, string>> {
  const entries = Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "");
  const sealed = await Promise.all(entries.map(async ([field, value]) => [field, await cipher.encrypt(value, { record, field })] as const));
  return Object.fromEntries(sealed);
}

export async function openFields(cipher: FieldCipher, record: string, sealed: Record<string, string>): Promise<Record<string, string>> {
  const opened = await Promise.all(
    Object.entries(sealed).map(async ([field, ciphertext]) => [field, await cipher.decrypt(ciphertext, { record, field })] as const),
  );
  return Object.fromEntries(opened);
}
