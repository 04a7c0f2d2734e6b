CREATE TABLE `data_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`requester_email` text,
	`user_id` text,
	`received_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`outcome` text,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `data_requests_status_due_idx` ON `data_requests` (`status`,`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `data_requests_due_idx` ON `data_requests` (`due_at`,`id`);--> statement-breakpoint
CREATE INDEX `data_requests_user_idx` ON `data_requests` (`user_id`);--> statement-breakpoint
CREATE INDEX `data_requests_email_idx` ON `data_requests` (`requester_email`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`id`);