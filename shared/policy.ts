/**
 * The policies' version: their "Last updated" date (ISO). The server records it with every
 * acceptance, so a change here is what asks people to accept the new text.
 */
export const POLICY_VERSION = "2026-11-24";

/** The same date as people read it on the policy pages. */
export const POLICY_UPDATED_LABEL = "November 24, 2026";

/** The address the policies publish for questions and data requests. */
export const CONTACT_EMAIL = "ausar.contact@gmail.com";
