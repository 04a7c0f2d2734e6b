CREATE TABLE `erased_memberships` (
	`membership_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`canceled_at` integer
);
--> statement-breakpoint
CREATE TABLE `welcome_grants` (
	`email_hash` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`created_at` integer NOT NULL,
	`granted_at` integer
);
--> statement-breakpoint
CREATE INDEX `welcome_grants_user_idx` ON `welcome_grants` (`user_id`);