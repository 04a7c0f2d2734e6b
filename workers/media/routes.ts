import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { deliveryRoutes } from "./delivery-routes";
import { galleryRoutes } from "./gallery-routes";
import { sharePageRoutes } from "./share-page-routes";
import { shareRoutes } from "./share-routes";
import { uploadRoutes } from "./upload-routes";

/** Everything about media: uploads, the gallery API, share links (and their public page) and `/media/*` delivery. */
export const mediaRoutes = new Hono<AppEnv>()
  .route("/", uploadRoutes)
  .route("/", shareRoutes)
  .route("/", sharePageRoutes)
  .route("/", galleryRoutes)
  .route("/", deliveryRoutes);
