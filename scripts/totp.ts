import { currentTotp } from "../functions/security/totp";

/** `npm run totp -- SECRET`: the current code for a demo account, if you have no authenticator app at hand. */
const secret = process.argv[2];
if (!secret) {
  console.error("Give the TOTP secret: npm run totp -- JBSWY3DPEHPK3PXP...");
  process.exit(2);
}
console.log(currentTotp(secret));
