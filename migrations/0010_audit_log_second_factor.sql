CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`outcome` text NOT NULL,
	`status` integer NOT NULL,
	`target_user_id` text,
	`target_object` text,
	`reason` text,
	`request_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_target_idx` ON `audit_log` (`target_user_id`,`id`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `second_factor_at` integer;--> statement-breakpoint
-- The audit log is append-only: no row is deleted, and the only change allowed is erasure
-- replacing a person's id by a pseudonym (`erased:…`) in actor_id or target_user_id.
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_only_pseudonymise` BEFORE UPDATE ON `audit_log`
WHEN NEW.id IS NOT OLD.id OR NEW.actor_role IS NOT OLD.actor_role OR NEW.action IS NOT OLD.action
	OR NEW.outcome IS NOT OLD.outcome OR NEW.status IS NOT OLD.status OR NEW.target_object IS NOT OLD.target_object
	OR NEW.reason IS NOT OLD.reason OR NEW.request_id IS NOT OLD.request_id OR NEW.created_at IS NOT OLD.created_at
	OR (NEW.actor_id IS NOT OLD.actor_id AND NEW.actor_id NOT LIKE 'erased:%')
	OR (NEW.target_user_id IS NOT OLD.target_user_id AND NEW.target_user_id NOT LIKE 'erased:%')
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
