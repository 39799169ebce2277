import { describeCheckoutJourneys } from "./support/checkout-journeys.ts";

describeCheckoutJourneys(true);
