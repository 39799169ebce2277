/** A webhook as `/v1/webhooks` shows it: `{id, type, url}` (Alma's clients read nothing else). */
export interface WebhookRecord {
  id: string;
  type: string;
  url: string;
}
