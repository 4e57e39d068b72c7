package home

import "github.com/stonks-b3/stonks/app/i18n"

func init() {
	i18n.Add(map[string]string{
		"Dashboard": "Painel", "Today": "Hoje", "Watched tickers": "Ativos acompanhados",
		"The tickers of your wallet and of your running alerts.": "Os ativos da sua carteira e dos seus alertas em andamento.",
		"Follow them live": "Acompanhar ao vivo", "Recent notices": "Avisos recentes", "Active rooms": "Salas ativas",
		"Your wallet is empty.": "Sua carteira está vazia.",
	})
}
