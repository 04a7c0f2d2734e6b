CREATE TABLE `payment_reversals` (
	`id` text PRIMARY KEY NOT NULL,
	`payment_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount_minor` integer,
	`status` text NOT NULL,
	`credits` integer,
	`taken` integer,
	`shortfall` integer,
	`created_at` integer NOT NULL,
	`applied_at` integer,
	`voided_at` integer,
	`restored_at` integer
);
--> statement-breakpoint
CREATE INDEX `payment_reversals_payment_idx` ON `payment_reversals` (`payment_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`user_ref` text,
	`plan_id` text,
	`whop_plan_id` text,
	`credits` integer NOT NULL,
	`amount_minor` integer,
	`currency` text,
	`whop_user_id` text,
	`membership_id` text,
	`status` text NOT NULL,
	`review_reason` text,
	`refunded_minor` integer DEFAULT 0 NOT NULL,
	`clawed_back` integer DEFAULT 0 NOT NULL,
	`clawback_shortfall` integer DEFAULT 0 NOT NULL,
	`first_event_id` text NOT NULL,
	`paid_at` integer NOT NULL,
	`granted_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `payments_user_idx` ON `payments` (`user_id`,`paid_at`);--> statement-breakpoint
CREATE INDEX `payments_membership_idx` ON `payments` (`membership_id`);--> statement-breakpoint
CREATE TABLE `referral_rewards` (
	`referred_user_id` text PRIMARY KEY NOT NULL,
	`referrer_id` text NOT NULL,
	`payment_id` text NOT NULL,
	`referrer_credits` integer NOT NULL,
	`referred_credits` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`granted_at` integer,
	`reversed_at` integer
);
--> statement-breakpoint
CREATE INDEX `referral_rewards_referrer_idx` ON `referral_rewards` (`referrer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `referral_rewards_payment_idx` ON `referral_rewards` (`payment_id`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`membership_id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`plan_id` text,
	`whop_plan_id` text,
	`status` text NOT NULL,
	`cancel_at_period_end` integer DEFAULT false NOT NULL,
	`renewal_period_end` integer,
	`manage_url` text,
	`event_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `subscriptions_user_idx` ON `subscriptions` (`user_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`provider` text NOT NULL,
	`id` text NOT NULL,
	`event_id` text,
	`type` text NOT NULL,
	`payment_id` text,
	`outcome` text NOT NULL,
	`detail` text,
	`received_at` integer NOT NULL,
	`processed_at` integer,
	PRIMARY KEY(`provider`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webhook_events_outcome_idx` ON `webhook_events` (`outcome`,`received_at`);