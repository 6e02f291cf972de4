/** Images the simulated registry serves: the catalog, their file systems, the programs inside. */
export { catalog, Catalog, findCatalogImage, searchCatalog, inspectConfig, dockerSizeText, pseudoDigest } from './catalog';
export type { CatalogImage, ImageConfig, HistoryRow, HubRepo, OsBase, ImageApp } from './catalog';
export { imageLayers, IMAGE_PATH, BUSYBOX_APPLETS, ALPINE_APPLETS, DEBIAN_BASE_PROGRAMS } from './rootfs';
export { imagePrograms } from './programs';
