ALTER TABLE `payments` ADD `refund_requested_at` integer;--> statement-breakpoint
ALTER TABLE `payments` ADD `refund_requested_minor` integer;--> statement-breakpoint
ALTER TABLE `jobs` ADD `dead_lettered_at` integer;--> statement-breakpoint
CREATE INDEX `jobs_status_created_idx` ON `jobs` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `jobs_dead_lettered_idx` ON `jobs` (`dead_lettered_at`,`id`) WHERE "jobs"."dead_lettered_at" IS NOT NULL;