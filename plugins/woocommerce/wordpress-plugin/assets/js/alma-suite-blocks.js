/* Registers "Pay in instalments with Alma" in the block checkout; no build step needed. */
((wc, wp) => {
  const settings = wc.wcSettings.getSetting("alma_suite_data", {});
  const decode = wp.htmlEntities.decodeEntities;
  const title = decode(settings.title || "Pay in instalments with Alma");
  const Content = () => wp.element.createElement("p", null, decode(settings.description || ""));
  wc.wcBlocksRegistry.registerPaymentMethod({
    name: "alma_suite",
    label: title,
    ariaLabel: title,
    content: wp.element.createElement(Content),
    edit: wp.element.createElement(Content),
    canMakePayment: () => true,
    supports: { features: settings.supports || ["products"] },
  });
})(window.wc, window.wp);
