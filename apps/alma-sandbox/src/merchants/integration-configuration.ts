/** What a merchant registered with `PUT /v1/integration-configuration/api`. */
export interface IntegrationConfiguration {
  merchant_id: string;
  collect_data_url: string;
  updated: number;
}
