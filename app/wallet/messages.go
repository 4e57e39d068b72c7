package wallet

import "github.com/stonks-b3/stonks/app/i18n"

func init() {
	i18n.Add(map[string]string{
		// table
		"Weight": "Nota", "Avg": "PM", "Qnt": "Qtd", "Total": "Total", "Want %%": "Quero %%", "Have %%": "Tenho %%",
		"Want R$": "Quero R$", "Miss R$": "Falta R$", "Order": "Ordem", "Vol": "Vol", "Day": "Dia", "Return": "Rentab.",
		"Buy": "Comprar", "Sell": "Vender", "Wait": "Aguardar", "no quote": "sem cotação", "Edit": "Editar", "Delete": "Excluir",
		"Total value": "Patrimônio",
		"%d without a quote: left out of the totals, the target weights, the plan and the weights pie until a price comes.": "%d sem cotação: fora dos totais, das notas, do plano e da pizza de notas até chegar um preço.",
		"Give your holdings a weight (nota) above zero to get buy and sell advice.":                                         "Dê aos seus ativos uma nota acima de zero para receber recomendações de compra e venda.",
		"Add asset": "Adicionar ativo", "Edit asset": "Editar ativo", "Delete asset": "Excluir ativo",
		"Export CSV": "Exportar CSV", "Import CSV": "Importar CSV", "Import": "Importar", "CSV file": "Arquivo CSV",
		"Remove %s from your wallet?": "Remover %s da sua carteira?", "Save": "Salvar",
		"Your wallet is empty. Add the assets you hold, with their average price, quantity and a target weight, and the table will say what to buy.": "Sua carteira está vazia. Adicione os ativos que você tem, com preço médio, quantidade e uma nota, e a tabela dirá o que comprar.",
		// contribution
		"New contribution": "Novo aporte", "Amount to invest (R$)": "Valor a investir (R$)", "Plan": "Planejar",
		"What to buy with %s": "O que comprar com %s", "What to buy and sell with %s": "O que comprar e vender com %s",
		"Shares": "Cotas", "Value": "Valor", "Spent": "Gasto", "Left over": "Sobra", "Received from sales": "Recebido com vendas",
		"Rebalance by selling too": "Rebalancear vendendo",
		"No other whole-share plan brings the wallet closer to its weights.":                                                                       "Nenhum outro plano com cotas inteiras aproxima mais a carteira das notas.",
		"Not proven the closest: this is the closest plan found in the time allowed, and never farther from the weights than the wallet as it is.": "Não comprovado como o mais próximo: é o plano mais próximo encontrado no tempo disponível, e nunca mais longe das notas que a carteira como está.",
		"No whole share brings the wallet closer to its weights with %s.":                                                                          "Nenhuma cota inteira aproxima a carteira das notas com %s.",
		"The plan trades whole shares only: it buys, and sells what you hold when you allow it, never spends more than the amount plus what the sales bring, and is the plan whose values are closest to the target weights (the least sum of squared differences, in reais, between each target value and the value held; the money left over counts as part of the wallet). Holdings without a quote are not traded.": "O plano negocia apenas cotas inteiras: compra, e vende o que você tem quando você permite, nunca gasta mais que o valor mais o que as vendas rendem, e é o plano cujos valores ficam mais próximos das notas (a menor soma dos quadrados das diferenças, em reais, entre cada valor-alvo e o valor que você tem; a sobra conta como parte da carteira). Ativos sem cotação não são negociados.",
		"The amount must be greater than zero.": "O valor deve ser maior que zero.",
		// pies
		"Allocation": "Alocação", "Target weight per asset": "Nota por ativo", "Value held per market": "Valor por mercado",
		"Nothing to show": "Nada a mostrar", "Others": "Outros",
		"Pie chart of the target weight of each asset": "Gráfico de pizza da nota de cada ativo",
		"Pie chart of the value held in IBOV and IFIX": "Gráfico de pizza do valor em IBOV e IFIX",
		// form
		"Ticker": "Ativo", "Average price (R$)": "Preço médio (R$)", "Quantity": "Quantidade", "Target weight": "Nota",
		"A stock of the IBOV or a fund of the IFIX, e.g. PETR4 or HGLG11.":                                                    "Uma ação do IBOV ou um fundo do IFIX, ex.: PETR4 ou HGLG11.",
		"What you paid per share on average, e.g. 12.50.":                                                                     "Quanto você pagou por cota, em média, ex.: 12,50.",
		"Shares you hold, a whole number (0 if none yet).":                                                                    "Cotas que você tem, um número inteiro (0 se ainda nenhuma).",
		"How much of the wallet this asset should be, relative to the others: weights 2 and 1 mean two thirds and one third.": "Quanto da carteira este ativo deve ser, em relação aos outros: notas 2 e 1 significam dois terços e um terço.",
		"Update your %s holding instead":                                                                                      "Atualize sua posição em %s",
		"You already hold %s.":                                                                                                "Você já tem %s na carteira.",
		"A wallet holds at most %d assets.":                                                                                   "Uma carteira tem no máximo %d ativos.",
		"The average price must be greater than zero.":                                                                        "O preço médio deve ser maior que zero.",
		"The quantity cannot be negative.":                                                                                    "A quantidade não pode ser negativa.",
		"Enter at most %s shares.":                                                                                            "Informe no máximo %s cotas.",
		"A holding can be worth at most %s (average price × quantity).":                                                       "Uma posição pode valer no máximo %s (preço médio × quantidade).",
		"Enter a weight of at most %s.":                                                                                       "Informe uma nota de no máximo %s.",
		"Enter an amount of at most %s.":                                                                                      "Informe um valor de no máximo %s.",
		"Enter a whole number of shares, e.g. 100.":                                                                           "Informe um número inteiro de cotas, ex.: 100.",
		"The weight cannot be negative.":                                                                                      "A nota não pode ser negativa.",
		// import
		"Choose a CSV file to import.": "Escolha um arquivo CSV para importar.",
		"The file could not be read.":  "Não foi possível ler o arquivo.",
		"Not valid CSV.":               "CSV inválido.",
		"Expected 4 columns (ativo, preco_medio, quantidade, nota), found %d.": "Esperadas 4 colunas (ativo, preco_medio, quantidade, nota), encontradas %d.",
		"%s is already on line %d.": "%s já está na linha %d.",
		"The file has no holdings.": "O arquivo não tem ativos.",
		"Line %d":                   "Linha %d",
		"Imported: %s, %s.":         "Importado: %s, %s.", "%d added": "%d adicionados", "1 added": "1 adicionado",
		"%d changed": "%d alterados", "1 changed": "1 alterado",
		"CSV with commas and decimal points":                   "CSV com vírgulas e ponto decimal",
		"CSV for Excel in Portuguese (;)":                      "CSV para o Excel em português (;)",
		"Nothing was imported. Fix these lines and try again:": "Nada foi importado. Corrija estas linhas e tente de novo:",
		"One holding per line: ativo,preco_medio,quantidade,nota (a header line is optional; semicolons and decimal commas work too). Tickers you hold are updated, new ones added, the others left as they are.": "Um ativo por linha: ativo,preco_medio,quantidade,nota (a linha de cabeçalho é opcional; ponto e vírgula e vírgula decimal também servem). Ativos que você já tem são atualizados, os novos adicionados, os outros ficam como estão.",
	})
}
