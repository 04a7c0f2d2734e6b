import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { deliveryRoutes } from "./delivery-routes";
import { galleryRoutes } from "./gallery-routes";
import { shareRoutes } from "./share-routes";
import { uploadRoutes } from "./upload-routes";

/** Everything about media: uploads, the gallery API, share links and `/media/*` delivery. */
export const mediaRoutes = new Hono<AppEnv>()
  .route("/", uploadRoutes)
  .route("/", shareRoutes)
  .route("/", galleryRoutes)
  .route("/", deliveryRoutes);
