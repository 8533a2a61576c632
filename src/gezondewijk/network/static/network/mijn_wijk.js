// "Mijn wijk": the ego network, the spread of support and the form that adds a tie.
GezondeWijkNetwork.ego("ego-graph", "ego-data");
GezondeWijkNetwork.spread("support-chart", "spread-data");
GezondeWijkNetwork.tieForm("tie-form");
