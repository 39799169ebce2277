export { constantTimeEqual } from "./constant-time-equal.ts";
export { maskSecret, maskSecrets } from "./mask.ts";
export {
  commitNextMasterKey,
  type LoadedMasterKey,
  loadMasterKey,
  prepareNextMasterKey,
} from "./master-key.ts";
export { SecretBox } from "./secret-box.ts";
export { type SignedTokens, signedTokens } from "./signed-tokens.ts";
