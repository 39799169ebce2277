import type { AlmaMode } from "./api-key.ts";
import { EligibilityResource } from "./eligibility-resource.ts";
import { MerchantResource } from "./merchant-resource.ts";
import { OrdersResource } from "./orders-resource.ts";
import { PaymentsResource } from "./payments-resource.ts";
import { RequestSender, type RequestSenderOptions } from "./request-sender.ts";

export type AlmaClientOptions = RequestSenderOptions;

/**
 * Entry point to Alma's API. Construction validates the configuration (key prefix, base URL,
 * timeout, retries) and throws AlmaConfigurationError on a setting that can never work.
 */
export class AlmaClient {
  readonly mode: AlmaMode;
  readonly baseUrl: string;
  readonly payments: PaymentsResource;
  readonly orders: OrdersResource;
  readonly eligibility: EligibilityResource;
  readonly merchant: MerchantResource;

  constructor(options: AlmaClientOptions) {
    const sender = new RequestSender(options);
    this.mode = sender.mode;
    this.baseUrl = sender.baseUrl;
    this.payments = new PaymentsResource(sender);
    this.orders = new OrdersResource(sender);
    this.eligibility = new EligibilityResource(sender);
    this.merchant = new MerchantResource(sender);
  }
}
