CREATE TABLE `support_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`thread_id` text NOT NULL,
	`from` text NOT NULL,
	`staff_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `support_messages_thread_created_idx` ON `support_messages` (`thread_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `support_threads` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`subject` text NOT NULL,
	`status` text NOT NULL,
	`attachment_kind` text,
	`attachment_id` text,
	`last_activity_at` integer NOT NULL,
	`user_read_at` integer NOT NULL,
	`last_staff_at` integer,
	`closed_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `support_threads_user_activity_idx` ON `support_threads` (`user_id`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `support_threads_status_activity_idx` ON `support_threads` (`status`,`last_activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `support_threads_closed_idx` ON `support_threads` (`closed_at`);