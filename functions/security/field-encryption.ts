import type { KeyringNode, NodeCachingMaterialsManager } from "@aws-crypto/client-node";

type EncryptionSdk = typeof import("@aws-crypto/client-node");

/**
 * The AWS Encryption SDK (about 300 KB of the API's bundle), loaded the first time a value is
 * sealed or opened, so a cold start that only searches the directory does not wait for it.
 */
let sdk: Promise<EncryptionSdk> | undefined;
const encryptionSdk = () => (sdk ??= import("@aws-crypto/client-node"));

/**
 * Field-by-field envelope encryption for anything that identifies a person (contact details,
 * free text), done before it reaches DynamoDB. Each value is its own AWS Encryption SDK message,
 * bound by an encryption context to the record and field it belongs to: a ciphertext copied
 * into another record or field will not decrypt.
 */
export type FieldCipher = {
  encrypt(value: string, context: FieldContext): Promise<string>;
  decrypt(ciphertext: string, context: FieldContext): Promise<string>;
};

/** What a value belongs to, e.g. `{ record: "request:ABC123", field: "contact.phone" }`. */
export type FieldContext = { record: string; field: string };

/**
 * Key-committing AES-256-GCM without the default suite's ECDSA P-384 signature. The signature
 * guards against a reader forging messages when readers and writers are different parties;
 * here the same Lambda writes and reads. Measured on this 2-core machine: 4.95 ms a field with
 * the signature, 1.34 ms without (and about 18 ms with it while the machine was busy), so a
 * request's six fields, fifty at once, cost seconds.
 */
const suiteOf = (s: EncryptionSdk) => s.AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;

/** A cipher over the keyring (or caching materials manager) `materials` makes once the SDK is loaded. */
function cipherFor(materials: (s: EncryptionSdk) => KeyringNode | NodeCachingMaterialsManager): FieldCipher {
  let ready: Promise<{ client: ReturnType<EncryptionSdk["buildClient"]>; keys: KeyringNode | NodeCachingMaterialsManager; suiteId: ReturnType<typeof suiteOf> }> | undefined;
  // A load that failed is tried again next time, rather than breaking every value for the life of the process.
  const load = () =>
    (ready ??= encryptionSdk()
      .then((s) => ({ client: s.buildClient(s.CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT), keys: materials(s), suiteId: suiteOf(s) }))
      .catch((error: unknown) => {
        ready = undefined;
        sdk = undefined;
        throw error;
      }));
  return {
    async encrypt(value, context) {
      const { client, keys, suiteId } = await load();
      const { result } = await client.encrypt(keys, value, { encryptionContext: context, suiteId });
      return result.toString("base64");
    },
    async decrypt(ciphertext, context) {
      const { client, keys } = await load();
      const { plaintext, messageHeader } = await client.decrypt(keys, Buffer.from(ciphertext, "base64"));
      for (const [key, expected] of Object.entries(context)) {
        if (messageHeader.encryptionContext[key] !== expected) throw new Error("The ciphertext belongs to another record or field.");
      }
      return plaintext.toString("utf8");
    },
  };
}

/** Locally: a raw AES-256-GCM keyring from a key file in the git-ignored data folder. */
export function rawAesFieldCipher(key: Buffer): FieldCipher {
  if (key.length !== 32) throw new Error("The field encryption key must be 32 bytes.");
  // A copy in its own memory: the SDK refuses a key that shares Node's buffer pool (as any
  // small Buffer.from(base64) does) and zeroes the key it is given.
  const unencryptedMasterKey = new Uint8Array(key);
  return cipherFor(
    (s) =>
      new s.RawAesKeyringNode({
        keyName: "onedoor-local",
        keyNamespace: "onedoor",
        unencryptedMasterKey,
        wrappingSuite: s.RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
      }),
  );
}

/**
 * In AWS: a KMS key. Data keys are cached briefly and reused for a bounded number of values, so
 * encrypting a request's dozen fields costs one KMS call, not twelve.
 */
export function kmsFieldCipher(keyArn: string): FieldCipher {
  return cipherFor(
    (s) => new s.NodeCachingMaterialsManager({
      backingMaterials: new s.KmsKeyringNode({ generatorKeyId: keyArn }),
      cache: s.getLocalCryptographicMaterialsCache(100),
      maxAge: 60_000,
      maxMessagesEncrypted: 100,
    }),
  );
}
