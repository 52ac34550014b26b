import { localOutbox } from "../functions/email/outbox";
import { OUTBOX_DIR } from "../functions/local/paths";

/** `npm run outbox`: the emails `npm start` would have sent, newest last. */
const messages = localOutbox(OUTBOX_DIR).messages();
const count = Number(process.argv[2] ?? 5);
if (!messages.length) console.log("The outbox is empty.");
for (const m of messages.slice(-count)) {
  console.log(`--- ${m.sentAt}\nTo: ${m.to}\nSubject: ${m.subject}\n\n${m.text}\n`);
}
