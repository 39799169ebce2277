import { describe, expect, it } from "vitest";
import { SHIPMENT_TRACKING_META, trackedShipments } from "./shipment-tracking.ts";

const meta = (value: unknown) => [
  { key: "_other", value: "x" },
  { key: SHIPMENT_TRACKING_META, value },
];

describe("trackedShipments", () => {
  it("reads provider slugs, custom providers and their links", () => {
    expect(
      trackedShipments(
        meta([
          { tracking_provider: "colissimo", tracking_number: " 6A123 ", date_shipped: "1768900000" },
          {
            tracking_provider: "",
            custom_tracking_provider: "Coursier Lyon",
            custom_tracking_link: "https://coursier.example/t/42",
            tracking_number: "42",
          },
        ]),
      ),
    ).toEqual([
      { carrier: "colissimo", trackingNumber: "6A123" },
      { carrier: "Coursier Lyon", trackingNumber: "42", trackingUrl: "https://coursier.example/t/42" },
    ]);
  });

  it("skips items Alma could not take, duplicates and links that are not http(s)", () => {
    expect(
      trackedShipments(
        meta({
          a: { tracking_provider: "ups", tracking_number: "" },
          b: { tracking_number: "1Z" },
          c: { tracking_provider: "ups", tracking_number: "1Z", custom_tracking_link: "javascript:alert(1)" },
          d: { tracking_provider: "dhl", tracking_number: "1Z" },
          e: "not an item",
          f: { tracking_provider: 5, tracking_number: ["x"] },
        }),
      ),
    ).toEqual([{ carrier: "ups", trackingNumber: "1Z" }]);
  });

  it.each([undefined, "a:1:{}", 42, null])("reads %j as no shipment", (value) => {
    expect(trackedShipments(value === undefined ? [] : meta(value))).toEqual([]);
  });
});
