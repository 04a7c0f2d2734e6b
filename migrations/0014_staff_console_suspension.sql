ALTER TABLE `users` ADD `suspended_at` integer;--> statement-breakpoint
CREATE INDEX `users_created_idx` ON `users` (`created_at`);--> statement-breakpoint
CREATE INDEX `payments_paid_idx` ON `payments` (`paid_at`);--> statement-breakpoint
CREATE INDEX `payments_whop_user_idx` ON `payments` (`whop_user_id`);--> statement-breakpoint
CREATE INDEX `credit_ledger_kind_created_idx` ON `credit_ledger` (`kind`,`created_at`);