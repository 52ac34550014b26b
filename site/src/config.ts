/**
 * Where "Exit this page" sends a person: a busy, ordinary site that says nothing about why
 * they were here. It replaces OneDoor in the tab's history, so Back does not return.
 */
export const EXIT_URL = "https://www.bbc.co.uk/weather";

/** The product's name, used in every page title. Titles never name the topic (PRODUCT.md). */
export const SITE_NAME = "OneDoor";
