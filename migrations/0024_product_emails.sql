CREATE TABLE `product_emails` (
	`kind` text NOT NULL,
	`reference` text NOT NULL,
	`user_id` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `reference`)
);
--> statement-breakpoint
CREATE INDEX `product_emails_user_idx` ON `product_emails` (`user_id`,`sent_at`);