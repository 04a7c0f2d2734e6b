CREATE TABLE `exports` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`r2_key` text,
	`bytes` integer,
	`media_count` integer,
	`error_message` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`expires_at` integer
);
--> statement-breakpoint
CREATE INDEX `exports_user_created_idx` ON `exports` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `exports_status_expires_idx` ON `exports` (`status`,`expires_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `exports_user_in_flight_unique` ON `exports` (`user_id`) WHERE status IN ('queued', 'building');