import type {
  ConsentsResponse,
  ExportListResponse,
  ExportResponse,
  ExportView,
  OptionalPurpose,
} from "../../../../../shared/privacy";
import { api } from "../../../lib/api";

/** The privacy routes of the API, typed by the shared contract. */
export const privacyApi = {
  consents: () => api.get<ConsentsResponse>("/api/account/consents"),
  setConsent: (purpose: OptionalPurpose, granted: boolean) => api.put<ConsentsResponse>("/api/account/consents", { [purpose]: granted }),
  setRestricted: (restricted: boolean) => api.put<ConsentsResponse>("/api/account/restriction", { restricted }),
  latestExport: async (): Promise<ExportView | null> => (await api.get<ExportListResponse>("/api/account/exports")).exports[0] ?? null,
  exportById: async (id: string) => (await api.get<ExportResponse>(`/api/account/exports/${encodeURIComponent(id)}`)).export,
  startExport: async () => (await api.post<ExportResponse>("/api/account/export")).export,
  deleteAccount: (password: string) => api.delete<void>("/api/account", { body: { password } }),
};
