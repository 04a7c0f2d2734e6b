ALTER TABLE `credit_balances` ADD `debt` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `credit_ledger` ADD `debt_delta` integer DEFAULT 0 NOT NULL;