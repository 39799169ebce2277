/** Buyer-facing wording, French first (Alma's customers) with English for other locales. */
const fr = {
  chooseTitle: "Payer avec Alma",
  choosePrompt: (amount: string) => `Choisissez comment régler ${amount} :`,
  instalments: (n: number) => `Payer en ${n} fois`,
  payLater: (days: number, months: number) =>
    months > 0 ? `Payer dans ${months} mois` : `Payer dans ${days} jours`,
  payNow: "Payer maintenant",
  dueOn: (date: string, amount: string) => `${date} : ${amount}`,
  continue: "Continuer vers Alma",
  back: "Retour au paiement",
  waitTitle: "Confirmation en cours",
  waitBody: "Nous confirmons votre paiement auprès de la boutique. Cette page se met à jour toute seule.",
  unfinishedTitle: "Paiement non terminé",
  unfinishedBody: "Votre paiement Alma n'est pas terminé. Vous pouvez le reprendre ou revenir au paiement.",
  resume: "Reprendre le paiement",
  notFoundTitle: "Paiement introuvable",
  notFoundBody: "Ce lien de paiement n'est pas valide.",
};

const en: typeof fr = {
  chooseTitle: "Pay with Alma",
  choosePrompt: (amount) => `Choose how to pay ${amount}:`,
  instalments: (n) => `Pay in ${n} instalments`,
  payLater: (days, months) => (months > 0 ? `Pay in ${months} month(s)` : `Pay in ${days} days`),
  payNow: "Pay now",
  dueOn: (date, amount) => `${date}: ${amount}`,
  continue: "Continue to Alma",
  back: "Back to checkout",
  waitTitle: "Confirming your payment",
  waitBody: "We are confirming your payment with the shop. This page refreshes by itself.",
  unfinishedTitle: "Payment not finished",
  unfinishedBody: "Your Alma payment is not finished. You can resume it or go back to checkout.",
  resume: "Resume payment",
  notFoundTitle: "Payment not found",
  notFoundBody: "This payment link is not valid.",
};

export type PageText = typeof fr;

export function pageText(locale: string | null | undefined): { lang: string; text: PageText; intl: string } {
  return locale?.toLowerCase().startsWith("fr") || !locale
    ? { lang: "fr", text: fr, intl: "fr-FR" }
    : { lang: "en", text: en, intl: "en-GB" };
}
