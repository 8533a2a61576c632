// The coordinator's picture of the wijk's communities; the word for a group comes from the
// graph element (data-group-label), in the page's language.
GezondeWijkNetwork.communities("community-graph", "community-data", "link-data",
  document.getElementById("community-graph").dataset.groupLabel);
