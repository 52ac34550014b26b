/**
 * Sending email: a port with two adapters, SES in AWS (`ses.ts`) and a local outbox for
 * `npm start` and tests (`outbox.ts`). Messages never name the topic of OneDoor's work
 * (PRODUCT.md: nothing that identifies the topic in notifications or emails).
 */
export type EmailMessage = { to: string; subject: string; text: string };

export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}
