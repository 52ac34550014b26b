import type { PublicService } from "../../../functions/domain/directory";
import { getJson } from "./api";
import { byId, shortContentShown } from "./dom";
import { serviceDetails } from "./render-service";
import { serviceVoice, type ServiceVoice } from "./render-voice";

/**
 * Loads one service by the `id` in the address. The tab title stays "Service details": a
 * service's name can say what it is for, and titles are kept in history.
 */
export async function startServicePage(): Promise<void> {
  const container = byId("service");
  const heading = byId("service-heading");
  const loading = byId("service-loading");
  const id = new URLSearchParams(window.location.search).get("id") ?? "";
  // Asked for at once with the service, so the page is filled in one go (the region is live).
  const voiceLoading = id ? getJson<ServiceVoice>(`/api/services/${encodeURIComponent(id)}/voice`) : undefined;
  const result = id ? await getJson<{ service: PublicService }>(`/api/services/${encodeURIComponent(id)}`) : undefined;
  loading.hidden = true;
  container.setAttribute("aria-busy", "false");
  if (result?.ok) {
    heading.textContent = result.data.service.name;
    byId("service-body").replaceChildren(serviceDetails(result.data.service));
    // What people said comes after the facts; if it cannot load, the page still gives everything else.
    const voice = await voiceLoading;
    if (voice?.ok) byId("service-body").append(serviceVoice(voice.data));
  } else if (!result || result.status === 404) {
    heading.textContent = "We could not find that service";
    document.title = document.title.replace("Service details", "Service not found");
    byId("service-missing").hidden = false;
    shortContentShown();
  } else {
    heading.textContent = "Sorry, something went wrong";
    loading.textContent = result.error.message;
    loading.hidden = false;
    shortContentShown();
  }
}
