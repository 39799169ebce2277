/** A merchant as the sandbox stores it. The key is kept because IPNs are signed with it. */
export interface MerchantRecord {
  id: string;
  apiKey: string;
  name: string;
  created: number;
}
