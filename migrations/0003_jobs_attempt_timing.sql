ALTER TABLE `jobs` ADD `attempt_started_at` integer;--> statement-breakpoint
ALTER TABLE `jobs` ADD `polls` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `jobs_user_status_created_idx` ON `jobs` (`user_id`,`status`,`created_at`,`id`);