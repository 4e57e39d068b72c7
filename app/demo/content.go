package demo

// The demo's forum: what Brazilian retail investors talk about. Cashtags
// ($PETR4) become links to the tracker, as in any message.

type line struct{ who, body string }

type demoRoom struct {
	host, topic, name, description string
	messages                       []line
}

var rooms = []demoRoom{
	{
		host: "carlos_dividendos", topic: "Petróleo", name: "PETR4: dividendos ou armadilha?",
		description: "Petrobras paga muito, mas até quando? Política de dividendos, preço do Brent e risco de interferência.",
		messages: []line{
			{"carlos_dividendos", "Saiu o calendário de proventos. $PETR4 segue pagando acima de 10% de dividend yield nos últimos 12 meses. Alguém aqui está aumentando posição?"},
			{"bia.trader", "Eu operei o rompimento dos R$ 38 semana passada, mas no longo prazo não me sinto confortável. Qualquer notícia de Brasília derruba 5% num dia."},
			{"demo", "Tenho 300 ações com preço médio de R$ 31,20. Deixei nota 8 na carteira e só compro quando ela fica abaixo do peso."},
			{"ana.fii", "Eu prefiro receber aluguel de FII a depender do Brent 😅 Mas reconheço que o caixa da Petrobras está forte."},
			{"carlos_dividendos", "O ponto é o payout: com a dívida no patamar atual, a política de 45% do fluxo de caixa livre é sustentável. O risco é mudar a regra."},
			{"bia.trader", "Coloquei um alerta de compra em R$ 29,50. Se chegar lá, entro de novo."},
			{"demo", "Boa ideia, fiz o mesmo e um de venda em R$ 38,00 para rebalancear."},
		},
	},
	{
		host: "ana.fii", topic: "FIIs", name: "Fundos imobiliários de logística",
		description: "HGLG11, KNRI11 e companhia: vacância, renovação de contratos e dividendos mensais.",
		messages: []line{
			{"ana.fii", "O relatório gerencial do $HGLG11 veio com vacância física abaixo de 3%. Os galpões perto de São Paulo continuam muito disputados."},
			{"demo", "Tenho $HGLG11 e $KNRI11. O KNRI11 tem a parte de lajes corporativas, que ainda me preocupa um pouco."},
			{"carlos_dividendos", "O rendimento mensal é isento de IR para pessoa física, e isso pesa muito na comparação com ações."},
			{"ana.fii", "Exato. E com a Selic caindo os FIIs de tijolo tendem a valorizar. Estou reinvestindo todos os rendimentos."},
			{"bia.trader", "Alguém olha P/VP? O HGLG11 está negociando acima do valor patrimonial."},
			{"ana.fii", "Olho sim, mas para logística de qualidade aceito pagar um pouco de ágio. O que importa é o contrato atípico longo."},
		},
	},
	{
		host: "demo", topic: "Carteira", name: "Como vocês rebalanceiam a carteira?",
		description: "Aportes mensais, notas por ativo e quando vender. Conte como você faz.",
		messages: []line{
			{"demo", "Eu dou uma nota para cada ativo e, todo mês, aporto no que está mais abaixo do peso. A página Carteira calcula quanto comprar de cada um."},
			{"carlos_dividendos", "Faço parecido, mas nunca vendo: só direciono aportes. Vender gera IR acima de R$ 20 mil por mês em ações."},
			{"ana.fii", "Eu separo 40% para FIIs, 50% para ações e 10% de reserva em Tesouro Selic."},
			{"bia.trader", "Vocês usam a opção de rebalancear vendendo? Testei e ela sugeriu vender só 20 ações de $VALE3."},
			{"demo", "Usei uma vez depois de uma alta forte de $PETR4. Ficou bem mais perto dos pesos do que só aportando."},
		},
	},
}
