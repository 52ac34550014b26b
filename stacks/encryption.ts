/**
 * The KMS key that encrypts identifying answers field by field (functions/security/field-encryption.ts).
 * Rotated yearly by KMS. The Lambda may use it to encrypt and decrypt, and nothing else.
 */
export const fieldKey = new aws.kms.Key("FieldKey", {
  description: "OneDoor: identifying answers in requests for support",
  enableKeyRotation: true,
  deletionWindowInDays: 30,
});

export const fieldKeyLink = new sst.Linkable("FieldKey", {
  properties: { arn: fieldKey.arn },
  include: [sst.aws.permission({ actions: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"], resources: [fieldKey.arn] })],
});
