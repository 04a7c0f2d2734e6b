import { adminAccountData } from "./admin/account-data";
import { authAccountData } from "./auth/account-data";
import { passkeysAccountData } from "./auth/passkeys/account-data";
import { whopSignInAccountData } from "./auth/whop/account-data";
import { billingAccountData } from "./billing/account-data";
import { creditsAccountData } from "./credits/account-data";
import { developersAccountData } from "./developers/account-data";
import { generationAccountData } from "./generation/account-data";
import { libAccountData } from "./lib/account-data";
import { mediaAccountData } from "./media/account-data";
import { notificationsAccountData } from "./notifications/account-data";
import { privacyAccountData } from "./privacy/account-data";
import type { AccountDataContribution } from "./privacy/contract";
import { supportAccountData } from "./support/account-data";
import { usageAccountData } from "./usage/account-data";

/**
 * Every capability's part of a person's data, for the export and the account purge (each
 * capability reads and erases only its own tables). The order is the purge's: generation first
 * (in-flight jobs are canceled before anything else goes), auth last (its final statement deletes
 * the user row, which marks an unfinished purge until then).
 */
export const accountDataContributions: readonly AccountDataContribution[] = [
  generationAccountData,
  mediaAccountData,
  privacyAccountData,
  creditsAccountData,
  libAccountData,
  billingAccountData,
  supportAccountData,
  usageAccountData,
  notificationsAccountData,
  developersAccountData,
  adminAccountData,
  passkeysAccountData,
  whopSignInAccountData,
  authAccountData,
];

/**
 * Tables with a user id or email column that no capability's purge erases, each with the reason
 * it stays (docs/privacy.md lists them too). The coverage test fails for any other such table
 * that no contribution names.
 */
export const ACCOUNT_DATA_EXCLUSIONS: Readonly<Record<string, string>> = {};
