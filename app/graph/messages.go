package graph

import "github.com/stonks-b3/stonks/app/i18n"

func init() {
	i18n.Add(map[string]string{
		"weekly candles":  "candles semanais",
		"monthly candles": "candles mensais",
		"Candlestick chart of %s over %s in weekly candles, with volume and 20- and 50-week moving averages.":   "Gráfico de candles semanais de %s em %s, com volume e médias móveis de 20 e 50 semanas.",
		"Candlestick chart of %s over %s in monthly candles, with volume and 20- and 50-month moving averages.": "Gráfico de candles mensais de %s em %s, com volume e médias móveis de 20 e 50 meses.",
	})
}
