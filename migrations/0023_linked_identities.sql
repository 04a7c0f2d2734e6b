CREATE TABLE `linked_identities` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`provider` text NOT NULL,
	`subject` text NOT NULL,
	`email` text,
	`linked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `linked_identities_provider_subject_unique` ON `linked_identities` (`provider`,`subject`);--> statement-breakpoint
CREATE UNIQUE INDEX `linked_identities_user_provider_unique` ON `linked_identities` (`user_id`,`provider`);